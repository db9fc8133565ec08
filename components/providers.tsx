"use client";
import { App, ConfigProvider } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";

// Darker secondary text than antd's default so it passes WCAG AA contrast (axe checks it).
const theme = {
  zeroRuntime: true,
  hashed: false,
  token: {
    colorPrimary: "#0958d9",
    // antd derives a lighter hover (white text on it is below 4.5:1); go darker instead.
    colorPrimaryHover: "#003eb3",
    colorPrimaryActive: "#002c8c",
    colorLink: "#0647b8",
    colorLinkHover: "#0958d9",
    colorTextSecondary: "rgba(0, 0, 0, 0.68)",
    colorTextDescription: "rgba(0, 0, 0, 0.68)",
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.55)",
    // antd's red (#ff4d4f) is 3.3:1 on white: danger buttons and error messages need a darker one.
    colorError: "#cf1322",
    borderRadius: 6,
  },
};

export function Providers({ locale, children }: { locale: string; children: React.ReactNode }) {
  return (
    <ConfigProvider locale={locale === "en" ? enUS : zhCN} theme={theme}>
      <App>{children}</App>
    </ConfigProvider>
  );
}
