"use client";
import { useState } from "react";
import { App, Cascader } from "antd";
import { useTranslations } from "next-intl";
import { divisionPath } from "@/lib/reference/rules";
import type { CascaderOption } from "@/lib/reference/loaders";
import { fetchDivisionChildren, SignedOutError } from "@/lib/reference/division-children";

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

/** Province → city → county → town → village, loaded level by level from the server. */
export function RegionPicker({ id, value, onChange, options: initial, maxLevel = 5, changeOnSelect, placeholder, ...aria }: Props) {
  const t = useTranslations("errors");
  const { message } = App.useApp();
  // A copy of its own: loaded levels are written into these objects, and a form may hand the
  // same options to two pickers.
  const [options, setOptions] = useState<CascaderOption[]>(() => prune(initial, maxLevel, 1));
  // antd keeps a place "loading" until it has children; after a failed load a fresh Cascader
  // (the value is the form's, so nothing is lost) lets the user click the place again. It opens
  // closed: the message says to click again.
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
          const children = await fetchDivisionChildren(String(target.value));
          target.children = children.map((d) => ({ value: d.code, label: d.name, isLeaf: d.level >= maxLevel }));
          setOptions((o) => [...o]);
        } catch (error) {
          void message.error(t(error instanceof SignedOutError ? "UNAUTHENTICATED" : "regionsNotLoaded"));
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
