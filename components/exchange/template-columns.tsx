"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, Space, Table, Typography } from "antd";
import { DownloadOutlined } from "@ant-design/icons";
import { COLUMNS, describeColumn } from "@/lib/data-exchange/template";
import { langOf } from "@/components/exchange/values";

/** The template's columns in both header languages, what each takes, and the files to download. */
export function TemplateColumns() {
  const t = useTranslations("exchange.import");
  const lang = langOf(useLocale());
  const link = (format: string, language: string, label: string) => (
    <a href={`/api/exchange/template?format=${format}&lang=${language}`} download>
      <DownloadOutlined /> {label}
    </a>
  );
  return (
    <Card size="small" title={<h2 style={{ fontSize: 16, margin: 0 }}>{t("templateTitle")}</h2>}>
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>{t("templateIntro")}</Typography.Paragraph>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("conflictRule")}
        </Typography.Paragraph>
        <Space wrap size="large">
          {link("xlsx", "zh", t("templateXlsx"))}
          {link("csv", "zh", t("templateCsv"))}
          {link("xlsx", "en", t("templateXlsxEn"))}
          {link("csv", "en", t("templateCsvEn"))}
        </Space>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={[...COLUMNS]}
          columns={[
            { title: t("headerZh"), dataIndex: "zh", render: (v: string) => <strong>{v}</strong> },
            { title: t("headerEn"), dataIndex: "en" },
            { title: t("group"), dataIndex: "group", render: (g: string) => t(`groups.${g}`) },
            { title: t("required"), dataIndex: "required", render: (r?: boolean) => (r ? t("yes") : "") },
            { title: t("what"), dataIndex: "key", render: (k: (typeof COLUMNS)[number]["key"]) => describeColumn(k, lang) },
          ]}
        />
      </Space>
    </Card>
  );
}
