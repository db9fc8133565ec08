import "server-only";
import path from "node:path";
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import type { Scope } from "@/lib/auth/scope";
import { assertCan } from "@/lib/auth/policy";
import { buildDashboard, type DashboardView } from "@/lib/reports/dashboard";
import { recordReportExport } from "@/lib/reports/mutations";
import type { DashboardFilterInput } from "@/lib/reports/schema";

// The current dashboard view as a file: XLSX (one sheet, a table per panel) or PDF (the same
// tables with bars, in Noto Sans Hans so Chinese prints; docs/decisions/013). The audit row is
// written before the bytes are made, in a transaction of its own.

export type Translate = (key: string, values?: Record<string, string | number>) => string;
export type ReportFile = { fileName: string; contentType: string; bytes: Buffer };

type Table = { title: string; head: string[]; rows: (string | number)[][]; bars?: boolean };

/** The view as titled tables: what both formats print. */
export function viewTables(view: DashboardView, t: Translate): Table[] {
  const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 1000) / 10}%` : "—");
  const count = t("dashboard.export.count");
  const tables: Table[] = [
    {
      title: t("dashboard.kpis"),
      head: [t("dashboard.export.figure"), t("dashboard.export.value")],
      // Different units: no bars.
      bars: false,
      rows: [
        [t("dashboard.kpi.people"), view.kpis.people],
        [t("dashboard.kpi.placed"), view.kpis.placed],
        [t("dashboard.kpi.overdue"), view.kpis.overdue],
        [t("dashboard.kpi.medianWage"), view.kpis.medianWage ?? "—"],
      ],
    },
    { title: t("dashboard.panels.status"), head: [t("dashboard.export.group"), count], rows: view.status.map((r) => [t(`enums.employmentStatus.${r.key}`), r.count]) },
    { title: t("dashboard.panels.track"), head: [t("dashboard.export.group"), count], rows: view.track.map((r) => [t(`enums.track.${r.key}`), r.count]) },
    { title: t("dashboard.panels.origin"), head: [t("dashboard.export.region"), count], rows: view.origin.map((r) => [r.name, r.count]) },
    { title: t("dashboard.panels.destination"), head: [t("dashboard.export.region"), count], rows: view.destination.map((r) => [r.name, r.count]) },
    {
      title: `${t("dashboard.panels.wage")} · ${t("dashboard.wageSummary", { median: view.wage.median === null ? "—" : t("dashboard.yuan", { value: Math.round(view.wage.median) }), recorded: view.wage.recorded })}`,
      head: [t("dashboard.export.band"), count],
      rows: view.wage.bands.map((b) => [t(`dashboard.wageBands.${b.key}`), b.count]),
    },
    {
      title: t("dashboard.panels.retention"),
      head: [t("dashboard.export.days"), t("dashboard.retention.eligible"), t("dashboard.retention.retained"), t("dashboard.retention.rate")],
      rows: view.retention.map((r) => [t("dashboard.retention.day", { days: r.days }), r.eligible, r.retained, pct(r.retained, r.eligible)]),
    },
    { title: t("dashboard.panels.overdueByOffice"), head: [t("dashboard.export.office"), count], rows: view.overdue.byOffice.map((r) => [r.name, r.count]) },
    ...(view.overdue.byCaseworker
      ? [{ title: t("dashboard.panels.overdueByCaseworker"), head: [t("dashboard.export.caseworker"), t("dashboard.export.office"), count], rows: view.overdue.byCaseworker.map((r) => [r.name ?? t("dashboard.unassigned"), r.officeName, r.count]) }]
      : []),
    { title: t("dashboard.panels.reasons"), head: [t("dashboard.export.reason"), count], rows: view.reasons.map((r) => [t(`enums.endReason.${r.key}`), r.count]) },
    {
      title: t("dashboard.panels.training"),
      head: [t("dashboard.export.stage"), count],
      rows: [
        [t("dashboard.training.completed"), view.training.completed],
        [t("dashboard.training.placed"), view.training.placed],
        [t("dashboard.training.due", { days: 90 }), view.training.due],
        [t("dashboard.training.retained", { days: 90 }), view.training.retained],
      ],
    },
  ];
  return tables;
}

function subtitle(view: DashboardView, t: Translate) {
  return [t("dashboard.export.period", { from: view.filters.from, to: view.filters.to }), view.filters.regionName ? t("dashboard.export.regionFilter", { region: view.filters.regionName }) : t("dashboard.export.allRegions"), t("dashboard.export.asOf", { at: view.asOf.slice(0, 16).replace("T", " ") + " UTC" })].join("  ·  ");
}

export async function dashboardXlsx(view: DashboardView, t: Translate): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "JobBridge";
  const sheet = book.addWorksheet(t("dashboard.export.sheet"));
  sheet.columns = [{ width: 34 }, { width: 16 }, { width: 16 }, { width: 12 }];
  sheet.addRow([t("dashboard.title")]).font = { bold: true, size: 14 };
  sheet.addRow([subtitle(view, t)]);
  for (const table of viewTables(view, t)) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true, size: 12 };
    sheet.addRow(table.head).font = { bold: true };
    // Text cells come from our own labels and names; a leading =, +, - or @ is neutralised anyway.
    for (const row of table.rows) sheet.addRow(row.map((c) => (typeof c === "string" && /^[=+\-@]/.test(c) ? `'${c}` : c)));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The CJK font the PDF embeds (subset): Noto Sans Hans from the @embedpdf/fonts-sc package. */
function fontPath(weight: "Regular" | "Bold") {
  return path.join(process.cwd(), "node_modules", "@embedpdf", "fonts-sc", "fonts", `NotoSansHans-${weight}.otf`);
}

export async function dashboardPdf(view: DashboardView, t: Translate): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 48, info: { Title: t("dashboard.title"), Creator: "JobBridge" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("body", fontPath("Regular"));
  doc.registerFont("bold", fontPath("Bold"));
  const width = doc.page.width - 96;
  doc.font("bold").fontSize(18).text(t("dashboard.title"));
  doc.font("body").fontSize(9).fillColor("#555").text(subtitle(view, t)).fillColor("#000");
  for (const table of viewTables(view, t)) {
    if (doc.y > doc.page.height - 160) doc.addPage();
    doc.moveDown(0.8).font("bold").fontSize(12).text(table.title);
    doc.font("body").fontSize(9);
    const numeric = table.rows.map((r) => (typeof r[r.length - 1] === "number" ? (r[r.length - 1] as number) : 0));
    const max = Math.max(1, ...numeric);
    const cols = table.head.length;
    const labelWidth = cols > 2 ? width * 0.4 : width * 0.45;
    const cellWidth = (width - labelWidth) / (cols - 1);
    const show = (c: string | number | undefined) => (typeof c === "number" ? c.toLocaleString("en-US") : String(c ?? ""));
    const line = (cells: (string | number)[], bold = false, bar = 0) => {
      if (doc.y > doc.page.height - 70) doc.addPage();
      const y = doc.y;
      doc.font(bold ? "bold" : "body");
      doc.text(show(cells[0]), 48, y, { width: labelWidth - 8, lineBreak: false, ellipsis: true });
      if (bar > 0 && cols === 2) doc.rect(48 + labelWidth, y + 2, (cellWidth - 50) * bar, 8).fill("#1677ff").fillColor("#000");
      for (let i = 1; i < cols; i++) doc.text(show(cells[i]), 48 + labelWidth + cellWidth * (i - 1), y, { width: cellWidth - 4, align: "right", lineBreak: false });
      doc.x = 48;
      doc.y = y + 14;
    };
    line(table.head, true);
    table.rows.forEach((r, i) => line(r, false, table.bars === false ? 0 : numeric[i]! / max));
    if (!table.rows.length) line([t("dashboard.noData")]);
  }
  doc.end();
  return done;
}

const CONTENT_TYPES = { xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", pdf: "application/pdf" } as const;

/** The export a user asked for: permission, the view in their scope, the audit row, then the bytes. */
export async function exportDashboard(scope: Scope, input: DashboardFilterInput & { format: "xlsx" | "pdf" }, locale: string, t: Translate): Promise<ReportFile> {
  assertCan(scope, "report.export");
  const view = await buildDashboard(scope, input, locale);
  const fileName = `${t("dashboard.export.fileName")}-${view.filters.from}-${view.filters.to}${view.filters.region ? `-${view.filters.region}` : ""}.${input.format}`;
  await recordReportExport(scope, { format: input.format, from: view.filters.from, to: view.filters.to, region: view.filters.region, fileName });
  const bytes = input.format === "xlsx" ? await dashboardXlsx(view, t) : await dashboardPdf(view, t);
  return { fileName, contentType: CONTENT_TYPES[input.format], bytes };
}
