"use client";
import { useState } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Button, Drawer, Dropdown, Grid, Layout, Menu, Space, Typography } from "antd";
import { AimOutlined, BankOutlined, BarChartOutlined, ClusterOutlined, DownOutlined, FieldTimeOutlined, LogoutOutlined, ScheduleOutlined, MenuOutlined, ReadOutlined, SafetyOutlined, SettingOutlined, ShopOutlined, SlidersOutlined, SwapOutlined, TeamOutlined, UserAddOutlined, UserOutlined } from "@ant-design/icons";
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

  const link = (href: string, label: string) => <Link href={href}>{label}</Link>;
  const reports = [
    ...(user.canViewReports ? [{ key: "/reports", icon: <BarChartOutlined />, label: link("/reports", t("dashboard")) }] : []),
    ...(user.canViewTargets ? [{ key: "/targets", icon: <AimOutlined />, label: link("/targets", t("targets")) }] : []),
    ...(user.canViewReports ? [{ key: "/reports/reassignments", icon: <SwapOutlined />, label: link("/reports/reassignments", t("reassignmentReport")) }] : []),
  ];
  const admin = [
    ...(user.canConfigureOffices ? [{ key: "/admin/follow-up-settings", icon: <FieldTimeOutlined />, label: link("/admin/follow-up-settings", t("followUpSettings")) }] : []),
    ...(user.canManageUsers ? [{ key: "/admin/users", icon: <SafetyOutlined />, label: link("/admin/users", t("users")) }] : []),
    ...(user.canViewMatchingConfig ? [{ key: "/admin/matching", icon: <SlidersOutlined />, label: link("/admin/matching", t("matchingConfig")) }] : []),
  ];
  // Daily work first, one level deep; reports and settings are groups, so that the whole menu
  // fits a 1280 px screen in either language (an item in antd's overflow "..." is hard to find).
  const items = [
    ...(user.canRecordFollowUps ? [{ key: "/my-day", icon: <ScheduleOutlined />, label: link("/my-day", t("myDay")) }] : []),
    { key: "/persons", icon: <TeamOutlined />, label: link("/persons", t("persons")) },
    ...(user.canCreatePersons ? [{ key: "/persons/new", icon: <UserAddOutlined />, label: link("/persons/new", t("newPerson")) }] : []),
    { key: "/vacancies", icon: <ShopOutlined />, label: link("/vacancies", t("vacancies")) },
    { key: "/employers", icon: <BankOutlined />, label: link("/employers", t("employers")) },
    ...(user.canRunDrives ? [{ key: "/drives", icon: <ClusterOutlined />, label: link("/drives", t("drives")) }] : []),
    ...(user.canViewTraining ? [{ key: "/training", icon: <ReadOutlined />, label: link("/training", t("training")) }] : []),
    ...(reports.length > 1 ? [{ key: "group:reports", icon: <BarChartOutlined />, label: t("reports"), children: reports }] : reports),
    // Every role exchanges lists (exchange.view); what each may import or export is the data layer's.
    { key: "/exchange", icon: <SwapOutlined />, label: link("/exchange", t("exchange")) },
    ...(admin.length ? [{ key: "group:admin", icon: <SettingOutlined />, label: t("admin"), children: admin }] : []),
  ];
  const keys = [...items, ...reports, ...admin].map((i) => i.key).filter((k) => k.startsWith("/"));
  const selected = keys.filter((k) => pathname === k || pathname.startsWith(`${k}/`)).sort((a, b) => b.length - a.length)[0];
  // In the header, words without icons: ten items in English fit 1280 px only so (the drawer keeps them).
  const shown = mobile ? items : items.map(({ icon: _icon, ...item }) => item);
  const menu = <Menu className="jb-main-menu" mode={mobile ? "inline" : "horizontal"} selectedKeys={selected ? [selected] : []} items={shown} onClick={() => setOpen(false)} style={{ flex: 1, minWidth: 0, borderBottom: "none", borderInlineEnd: "none" }} />;
  const userMenu = {
    items: [
      { key: "who", label: `${tRoles(user.role)} · ${user.officeName}`, disabled: true },
      { type: "divider" as const },
      { key: "account", icon: <SettingOutlined />, label: link("/account", t("account")) },
      { key: "logout", icon: <LogoutOutlined />, label: t("logout"), onClick: signOutToLogin },
    ],
  };

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
                <Link href="/account" onClick={() => setOpen(false)}>
                  <SettingOutlined /> {t("account")}
                </Link>
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
              <LocaleSwitcher />
              {/* Role, office, account and sign-out live in the user's own menu: in the header they
                  pushed menu items into the overflow at 1280 px. */}
              <Dropdown menu={userMenu} trigger={["click"]} placement="bottomRight">
                <Button type="text" icon={<UserOutlined />} title={`${tRoles(user.role)} · ${user.officeName}`}>
                  {user.displayName} <DownOutlined />
                </Button>
              </Dropdown>
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
