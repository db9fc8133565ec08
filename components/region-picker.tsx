"use client";
import { useState } from "react";
import { App, Cascader } from "antd";
import { useTranslations } from "next-intl";
import { divisionPath } from "@/lib/reference/rules";
import type { CascaderOption } from "@/lib/reference/loaders";

type Props = {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  options: CascaderOption[];
  /** 3 = county, 5 = village. */
  maxLevel?: number;
  /** Let the user stop at any level (filters); forms ask for the full path. */
  changeOnSelect?: boolean;
  placeholder?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
};

type Division = { code: string; name: string; level: number };

/** The places under a code, by a GET of their own (a route handler, decision 014); one retry. */
async function fetchChildren(code: string): Promise<Division[]> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(`/api/regions/${encodeURIComponent(code)}/children`);
      if (response.ok) return (await response.json()) as Division[];
      if (response.status < 500 || attempt > 0) throw new Error(`HTTP ${response.status}`);
    } catch (error) {
      if (attempt > 0) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Province → city → county → town → village, loaded level by level from the server. */
export function RegionPicker({ id, value, onChange, options: initial, maxLevel = 5, changeOnSelect, placeholder, ...aria }: Props) {
  const t = useTranslations("errors");
  const { message } = App.useApp();
  const [options, setOptions] = useState<CascaderOption[]>(() =>
    maxLevel >= 5 ? initial : prune(initial, maxLevel, 1),
  );
  // antd keeps a place "loading" until it has children; after a failed load a fresh Cascader
  // (the value is the form's, so nothing is lost) lets the user click the place again.
  const [attempt, setAttempt] = useState(0);
  return (
    <Cascader
      key={attempt}
      id={id}
      {...aria}
      style={{ width: "100%" }}
      options={options}
      value={value ? divisionPath(value).slice(0, maxLevel) : undefined}
      changeOnSelect={changeOnSelect}
      showSearch={false}
      placeholder={placeholder}
      loadData={async (selected) => {
        const target = selected[selected.length - 1] as CascaderOption | undefined;
        if (!target || target.children) return;
        try {
          const children = await fetchChildren(String(target.value));
          target.children = children.map((d) => ({ value: d.code, label: d.name, isLeaf: d.level >= maxLevel }));
          setOptions((o) => [...o]);
        } catch {
          void message.error(t("regionsNotLoaded"));
          setAttempt((n) => n + 1);
        }
      }}
      onChange={(path) => onChange?.(path && path.length ? String(path[path.length - 1]) : null)}
    />
  );
}

function prune(options: CascaderOption[], maxLevel: number, level: number): CascaderOption[] {
  return options.map((o) => ({
    ...o,
    isLeaf: level >= maxLevel ? true : o.isLeaf,
    children: level >= maxLevel || !o.children ? undefined : prune(o.children, maxLevel, level + 1),
  }));
}
