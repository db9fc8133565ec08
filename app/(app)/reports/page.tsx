import { redirect } from "next/navigation";

// One report so far; the menu's 报表 opens it.
export default function ReportsPage() {
  redirect("/reports/reassignments");
}
