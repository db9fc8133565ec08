"use client";
import { useState } from "react";
import { Cascader } from "antd";
import { divisionPath } from "@/lib/reference/rules";
import { loadDivisionChildrenAction } from "@/lib/reference/actions";
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

/** Province → city → county → town → village, loaded level by level from the server. */
export function RegionPicker({ id, value, onChange, options: initial, maxLevel = 5, changeOnSelect, placeholder, ...aria }: Props) {
  const [options, setOptions] = useState<CascaderOption[]>(() =>
    maxLevel >= 5 ? initial : prune(initial, maxLevel, 1),
  );
  return (
    <Cascader
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
        const children = await loadDivisionChildrenAction(String(target.value), maxLevel);
        target.children = children;
        setOptions((o) => [...o]);
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
