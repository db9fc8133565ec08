import "server-only";
import { requireActor } from "@/lib/auth/session";
import { listOffices, listUsers } from "@/lib/users/data";

export async function loadUsersPage() {
  const { scope } = await requireActor("user.manage");
  const [users, offices] = await Promise.all([listUsers(scope), listOffices()]);
  return { users, offices, selfId: scope.userId };
}

export type UsersPageData = Awaited<ReturnType<typeof loadUsersPage>>;

export async function loadAccountPage() {
  const { user } = await requireActor();
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, office: user.office };
}
