"use client";
import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from "antd";
import { AimOutlined, BankOutlined, BarChartOutlined, ClusterOutlined, FieldTimeOutlined, LogoutOutlined, ScheduleOutlined, MenuOutlined, ReadOutlined, SafetyOutlined, SettingOutlined, ShopOutlined, SlidersOutlined, SwapOutlined, TeamOutlined, UserAddOutlined } from "@ant-design/icons";
import { LocaleSwitcher } from "@/components/locale-switcher";
import { signOutToLogin } from "@/components/auth/sign-out";
import { NotificationBell } from "@/components/notifications/notification-bell";

export type ShellUser = { displayName: string; role: string; officeName: string; canManageUsers: boolean; canCreatePersons: boolean; canRunDrives: boolean; canViewMatchingConfig: boolean; unreadNotifications: number; canRecordFollowUps: boolean; canViewReports: boolean; canConfigureOffices: boolean; canViewTraining: boolean; canViewTargets: boolean };

export function AppShell({ user, children }: { user: ShellUser; children: React.ReactNode }) {
  const t = useTranslations("nav");
  const tRoles = useTranslations("enums.role");
  const pathname = usePathname();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  // The full menu needs a wide screen; below that it lives in a drawer.
  const mobile = !screens.xl;

  const items = [
    // The caseworker's daily work comes first.
    ...(user.canRecordFollowUps ? [{ key: "/my-day", icon: <ScheduleOutlined />, label: <Link href="/my-day">{t("myDay")}</Link> }] : []),
    { key: "/persons", icon: <TeamOutlined />, label: <Link href="/persons">{t("persons")}</Link> },
    ...(user.canCreatePersons ? [{ key: "/persons/new", icon: <UserAddOutlined />, label: <Link href="/persons/new">{t("newPerson")}</Link> }] : []),
    { key: "/vacancies", icon: <ShopOutlined />, label: <Link href="/vacancies">{t("vacancies")}</Link> },
    { key: "/employers", icon: <BankOutlined />, label: <Link href="/employers">{t("employers")}</Link> },
    ...(user.canRunDrives ? [{ key: "/drives", icon: <ClusterOutlined />, label: <Link href="/drives">{t("drives")}</Link> }] : []),
    ...(user.canViewTraining ? [{ key: "/training", icon: <ReadOutlined />, label: <Link href="/training">{t("training")}</Link> }] : []),
    ...(user.canViewReports ? [{ key: "/reports", icon: <BarChartOutlined />, label: <Link href="/reports">{t("reports")}</Link> }] : []),
    ...(user.canViewTargets ? [{ key: "/targets", icon: <AimOutlined />, label: <Link href="/targets">{t("targets")}</Link> }] : []),
    // Every role exchanges lists (exchange.view); what each may import or export is the data layer's.
    { key: "/exchange", icon: <SwapOutlined />, label: <Link href="/exchange">{t("exchange")}</Link> },
    ...(user.canConfigureOffices ? [{ key: "/admin/follow-up-settings", icon: <FieldTimeOutlined />, label: <Link href="/admin/follow-up-settings">{t("followUpSettings")}</Link> }] : []),
    ...(user.canManageUsers ? [{ key: "/admin/users", icon: <SafetyOutlined />, label: <Link href="/admin/users">{t("users")}</Link> }] : []),
    ...(user.canViewMatchingConfig ? [{ key: "/admin/matching", icon: <SlidersOutlined />, label: <Link href="/admin/matching">{t("matchingConfig")}</Link> }] : []),
    { key: "/account", icon: <SettingOutlined />, label: <Link href="/account">{t("account")}</Link> },
  ];
  const selected = items.map((i) => i.key).filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  const menu = <Menu mode={mobile ? "vertical" : "horizontal"} selectedKeys={selected ? [selected] : []} items={items} onClick={() => setOpen(false)} style={{ flex: 1, minWidth: 0, borderBottom: "none" }} />;

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ background: "#fff", display: "flex", alignItems: "center", gap: 16, padding: "0 16px", borderBottom: "1px solid #e5e6eb" }}>
        <Link href="/persons" style={{ fontWeight: 600, fontSize: 18, color: "#0958d9", whiteSpace: "nowrap" }}>
          {t("brand")}
        </Link>
        {mobile ? (
          <>
            <div style={{ flex: 1 }} />
            <NotificationBell initialCount={user.unreadNotifications} />
            <Button icon={<MenuOutlined />} aria-label={t("openMenu")} onClick={() => setOpen(true)} />
            <Drawer open={open} onClose={() => setOpen(false)} title={t("brand")} placement="right" width={280}>
              <nav aria-label={t("main")}>{menu}</nav>
              <Space direction="vertical" style={{ marginTop: 16 }}>
                <Typography.Text>
                  {user.displayName} · {tRoles(user.role)}
                </Typography.Text>
                <Typography.Text type="secondary">{user.officeName}</Typography.Text>
                <LocaleSwitcher />
                <Button icon={<LogoutOutlined />} onClick={signOutToLogin}>
                  {t("logout")}
                </Button>
              </Space>
            </Drawer>
          </>
        ) : (
          <>
            <nav aria-label={t("main")} style={{ flex: 1, minWidth: 0 }}>
              {menu}
            </nav>
            <Space size="middle">
              <NotificationBell initialCount={user.unreadNotifications} />
              {/* The office's long name only on very wide screens (hovering shows it): below that
                  it would push menu items into the overflow. */}
              <span title={`${tRoles(user.role)} · ${user.officeName}`} style={{ whiteSpace: "nowrap" }}>
                <Typography.Text strong>{user.displayName}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {tRoles(user.role)}
                  {screens.xxl ? ` · ${user.officeName}` : ""}
                </Typography.Text>
              </span>
              <LocaleSwitcher />
              <Button icon={<LogoutOutlined />} onClick={signOutToLogin}>
                {t("logout")}
              </Button>
            </Space>
          </>
        )}
      </Layout.Header>
      <Layout.Content>
        <div className="jb-page">{children}</div>
      </Layout.Content>
    </Layout>
  );
}
