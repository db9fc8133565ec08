import { getLocale } from "next-intl/server";
import { requireActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { AppShell } from "@/components/app-shell";
import { loadUnreadNotificationCount } from "@/lib/notifications/loaders";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const { user } = await requireActor();
  const [locale, unreadNotifications] = await Promise.all([getLocale(), loadUnreadNotificationCount()]);
  return (
    <AppShell
      user={{
        displayName: user.displayName,
        role: user.role,
        officeName: locale === "en" ? user.office.nameEn : user.office.name,
        canManageUsers: can(user.role, "user.manage"),
        canCreatePersons: can(user.role, "person.create"),
        canRunDrives: can(user.role, "drive.run"),
        canViewMatchingConfig: can(user.role, "matching.config.view"),
        canRecordFollowUps: can(user.role, "followup.record"),
        canViewReports: can(user.role, "report.view"),
        canConfigureOffices: can(user.role, "office.configure"),
        canViewTraining: can(user.role, "training.view"),
        canViewTargets: can(user.role, "target.view"),
        unreadNotifications,
      }}
    >
      {children}
    </AppShell>
  );
}
