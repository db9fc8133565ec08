"use client";
import { useTranslations } from "next-intl";
import { Card, Descriptions, Space, Table, Typography } from "antd";
import type { MatchingConfig } from "@/lib/matching/config";

export function MatchingConfigView({ config, stats }: { config: MatchingConfig; stats: { loaded: boolean; loadMs: number; vacancies: number; persons: number } }) {
  const t = useTranslations("matchingConfig");
  const tEnum = useTranslations("enums.factor");
  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 900 }}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t("title")}
      </Typography.Title>
      <Card size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t("version")}>
            <span data-testid="matching-version">{config.version}</span>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t("help")}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t("weights")}>
        <Table
          rowKey="factor"
          size="small"
          pagination={false}
          dataSource={Object.entries(config.weights).map(([factor, weight]) => ({ factor, weight }))}
          columns={[
            { title: t("factor"), dataIndex: "factor", render: (f: string) => tEnum(f) },
            { title: t("weight"), dataIndex: "weight", render: (w: number) => `${Math.round(w * 100)}%` },
          ]}
        />
      </Card>
      <Card size="small" title={t("other")}>
        <pre style={{ margin: 0, whiteSpace: "pre-wrap" }}>{JSON.stringify({ ...config, weights: undefined, index: stats }, null, 2)}</pre>
      </Card>
    </Space>
  );
}
