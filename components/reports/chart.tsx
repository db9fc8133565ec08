"use client";
import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import * as echarts from "echarts/core";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";

// Only what the dashboard draws (bars and a ring), with the SVG renderer: tree-shaken imports keep
// echarts' share of the page small (docs/decisions/013).
echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, SVGRenderer]);

export type ChartDatum = { label: string; value: number; href?: string };

type Props = {
  /** The accessible name: what the chart shows and its numbers, read out instead of the drawing. */
  label: string;
  data: ChartDatum[];
  kind?: "bar" | "column" | "ring";
  height?: number;
  /** Values are percentages (shown with "%"). */
  percent?: boolean;
  testId?: string;
};

/**
 * One chart. The drawing is an image with a name (role="img"): screen readers get the name and the
 * table beside it, never the SVG. A click on a bar or a segment opens its href (the people behind it).
 */
export function Chart({ label, data, kind = "bar", height, percent, testId }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const router = useRouter();
  // Drawn again only when what it shows changes (the page re-renders while a filter loads).
  const drawn = JSON.stringify([kind, percent, data]);
  const h = height ?? (kind === "bar" ? Math.max(120, 28 * data.length + 40) : 220);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: "svg" });
    const fmt = (v: number) => (percent ? `${v}%` : v.toLocaleString());
    // A column's share of the chart's width, less the value axis: the width its label wraps at.
    const columnWidth = () => Math.max(36, Math.floor((el.clientWidth - 60) / Math.max(1, data.length)) - 6);
    const colors = ["#1677ff", "#13a8a8", "#fa8c16", "#722ed1", "#eb2f96", "#52c41a", "#2f54eb", "#faad14"];
    if (kind === "ring") {
      chart.setOption({
        color: colors,
        tooltip: { trigger: "item", valueFormatter: (v: unknown) => fmt(Number(v)) },
        series: [{ type: "pie", radius: ["45%", "75%"], label: { formatter: "{b}: {c}" }, data: data.map((d) => ({ name: d.label, value: d.value })) }],
      });
    } else {
      const horizontal = kind === "bar";
      // Under columns each label gets its column's width and wraps there (English wage bands ran
      // into each other on one line); beside bars it is cut at 120 px.
      const axisLabel = horizontal ? { width: 120, overflow: "truncate" as const, interval: 0 } : { width: columnWidth(), overflow: "break" as const, interval: 0 };
      const category = { type: "category" as const, data: data.map((d) => d.label), axisLabel, inverse: horizontal };
      const value = { type: "value" as const, axisLabel: { formatter: (v: number) => fmt(v) }, minInterval: 1 };
      chart.setOption({
        color: colors,
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: (v: unknown) => fmt(Number(v)) },
        xAxis: horizontal ? value : category,
        yAxis: horizontal ? category : value,
        series: [{ type: "bar", data: data.map((d) => d.value), barMaxWidth: 28, label: { show: true, position: horizontal ? "right" : "top", formatter: (p: { value: unknown }) => fmt(Number(p.value)) } }],
      });
    }
    chart.on("click", (params) => {
      const href = data[params.dataIndex ?? -1]?.href;
      if (href) router.push(href);
    });
    const resize = new ResizeObserver(() => {
      if (kind === "column") chart.setOption({ xAxis: { axisLabel: { width: columnWidth() } } });
      chart.resize();
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [drawn, router]);

  // Nothing to draw: the table beside it says "no data"; an empty axis says nothing.
  if (!data.some((d) => d.value > 0)) return null;
  return <div ref={ref} role="img" aria-label={label} data-testid={testId} style={{ width: "100%", height: h, cursor: data.some((d) => d.href) ? "pointer" : undefined }} />;
}
