"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Descriptions, Flex, Space, Table, Tag, Typography } from "antd";
import type { loadDrivePage } from "@/lib/drives/loaders";
import type { FormResult } from "@/lib/persons/types";
import { TrackTag } from "@/components/persons/track-tag";

type Data = Awaited<ReturnType<typeof loadDrivePage>>;

export function DriveDetail({ data, accept }: { data: Data; accept: (values: unknown) => Promise<FormResult<{ accepted: number }>> }) {
  const t = useTranslations("drives");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const router = useRouter();
  const { message } = App.useApp();
  const d = data.drive;
  const [selected, setSelected] = useState<number[]>(d.lines.filter((l) => l.accepted === null).map((l) => l.id));
  const [pending, startTransition] = useTransition();
  const gap = d.upperBound > 0 ? ((d.upperBound - d.totalScore) / d.upperBound) * 100 : 0;
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {d.name}
        </Typography.Title>
        <Link href="/drives">{t("back")}</Link>
      </Flex>
      <Card size="small">
        <Descriptions column={{ xs: 1, md: 3 }} size="small" bordered>
          <Descriptions.Item label={t("status")}>
            <Tag>{tEnum(`driveStatus.${d.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("people")}>{d.poolSize}</Descriptions.Item>
          <Descriptions.Item label={t("placed")}>{d.lines.length}</Descriptions.Item>
          <Descriptions.Item label={t("total")}>{format.number(d.totalScore, { maximumFractionDigits: 1 })}</Descriptions.Item>
          <Descriptions.Item label={t("result")} span={2}>
            <span data-testid="drive-gap">{t("gap", { gap: format.number(gap, { maximumFractionDigits: 3 }) })}</span>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t("result")}>
        <Alert type="info" message={t("resultHelp")} style={{ marginBottom: 12 }} />
        {/* On a phone the table scrolls sideways inside the card (antd's own scroll adds a hidden,
            focusable measuring row that axe rejects next to row selection). */}
        <div style={{ overflowX: "auto" }}>
          <div style={{ minWidth: 760 }}>
            <Table
              rowKey="id"
              size="small"
              pagination={{ pageSize: 50, showSizeChanger: false }}
              locale={{ emptyText: t("noLines") }}
              dataSource={d.lines}
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (l) => ({ disabled: l.accepted !== null, "aria-label": `${l.person.name} → ${l.vacancy.title}` }) }}
              columns={[
                { title: t("person"), render: (_, l) => <Link href={`/persons/${l.person.id}`}>{l.person.name}</Link> },
                { title: t("poolOrigin"), dataIndex: "origin" },
                { title: t("poolTrack"), render: (_, l) => <TrackTag track={l.person.track} /> },
                { title: t("vacancy"), render: (_, l) => <Link href={`/vacancies/${l.vacancy.id}`}>{`${l.vacancy.title} · ${l.vacancy.employer.name}`}</Link> },
                { title: t("score"), dataIndex: "score", render: (v: number) => format.number(v, { maximumFractionDigits: 1 }) },
                { title: t("status"), render: (_, l) => (l.accepted ? <Tag color="green">{t("accepted")}</Tag> : null) },
              ]}
            />
          </div>
        </div>
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button
            type="primary"
            disabled={!selected.length}
            loading={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await accept({ lineIds: selected });
                if (result.status === "ok") {
                  message.success(t("accepted"));
                  setSelected([]);
                  router.refresh();
                } else message.error("message" in result ? result.message : "");
              })
            }
          >
            {t("accept", { count: selected.length })}
          </Button>
        </Flex>
      </Card>
    </Space>
  );
}
