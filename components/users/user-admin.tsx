"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import type { UsersPageData } from "@/lib/users/loaders";
import type { FormResult } from "@/lib/persons/types";
import { ROLES } from "@/lib/users/schema";
import { showFieldErrors } from "@/components/forms/apply-result";

type Submit = (values: unknown) => Promise<FormResult<{ id: number }>>;
type User = UsersPageData["users"][number];
type Dialog = { kind: "create" } | { kind: "edit"; user: User } | { kind: "reset"; user: User } | null;

export function UserAdmin(props: { data: UsersPageData; createUser: Submit; updateUser: (id: number, v: unknown) => Promise<FormResult<{ id: number }>>; resetPassword: (id: number, v: unknown) => Promise<FormResult<{ id: number }>> }) {
  const t = useTranslations("admin");
  const tEnum = useTranslations("enums");
  const format = useFormatter();
  const locale = useLocale();
  const [dialog, setDialog] = useState<Dialog>(null);
  const officeName = (o: { name: string; nameEn: string }) => (locale === "en" ? o.nameEn : o.name);

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t("title")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: "create" })}>
          {t("new")}
        </Button>
      </Flex>
      <Card size="small">
        <Table
          rowKey="id"
          size="middle"
          pagination={false}
          scroll={{ x: 800 }}
          dataSource={props.data.users}
          columns={[
            { title: t("username"), dataIndex: "username" },
            { title: t("displayName"), dataIndex: "displayName" },
            { title: t("role"), dataIndex: "role", render: (r: string) => tEnum(`role.${r}`) },
            { title: t("office"), render: (_, u) => officeName(u.office) },
            { title: t("active"), dataIndex: "active", render: (a: boolean) => (a ? <Tag color="green" style={{ color: "#237804" }}>{t("yes")}</Tag> : <Tag>{t("no")}</Tag>) },
            { title: t("lastLogin"), dataIndex: "lastLoginAt", render: (d: Date | null) => (d ? format.dateTime(new Date(d), "long") : t("never")) },
            {
              title: t("actions"),
              render: (_, u) => (
                <Space>
                  <Button size="small" onClick={() => setDialog({ kind: "edit", user: u })} aria-label={`${t("edit")} ${u.username}`}>
                    {t("edit")}
                  </Button>
                  <Button size="small" onClick={() => setDialog({ kind: "reset", user: u })} aria-label={`${t("resetPassword")} ${u.username}`}>
                    {t("resetPassword")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {dialog?.kind === "create" && <UserDialog offices={props.data.offices} onClose={() => setDialog(null)} submit={props.createUser} />}
      {dialog?.kind === "edit" && <UserDialog offices={props.data.offices} user={dialog.user} onClose={() => setDialog(null)} submit={(v) => props.updateUser(dialog.user.id, v)} />}
      {dialog?.kind === "reset" && <ResetDialog user={dialog.user} onClose={() => setDialog(null)} submit={(v) => props.resetPassword(dialog.user.id, v)} />}
    </Space>
  );
}

function UserDialog({ offices, user, onClose, submit }: { offices: UsersPageData["offices"]; user?: User; onClose: () => void; submit: Submit }) {
  const t = useTranslations("admin");
  const tEnum = useTranslations("enums");
  const locale = useLocale();
  const router = useRouter();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onFinish(values: Record<string, unknown>) {
    setPending(true);
    setError(null);
    const result = await submit(user ? { ...values, version: user.version } : values);
    setPending(false);
    if (result.status === "ok") {
      message.success(user ? t("saved") : t("created"));
      onClose();
      router.refresh();
      return;
    }
    showFieldErrors(form, result);
    setError(result.status === "conflict" ? t("conflict") : (result.message ?? null));
  }

  return (
    <Modal open title={user ? `${t("edit")}: ${user.username}` : t("new")} onCancel={onClose} onOk={() => form.submit()} okText={user ? t("save") : t("create")} cancelText={t("cancel")} confirmLoading={pending}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="user-form-error" />}
      <Form form={form} layout="vertical" onFinish={onFinish} initialValues={user ? { displayName: user.displayName, role: user.role, officeId: user.officeId, active: user.active } : { role: "CASEWORKER" }}>
        {!user && (
          <Form.Item label={t("username")} name="username" rules={[{ required: true, message: t("username") }]}>
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label={t("displayName")} name="displayName" rules={[{ required: true, message: t("displayName") }]}>
          <Input />
        </Form.Item>
        <Form.Item label={t("role")} name="role" rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: tEnum(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item label={t("office")} name="officeId" rules={[{ required: true, message: t("office") }]}>
          <Select showSearch optionFilterProp="label" options={offices.map((o) => ({ value: o.id, label: `${locale === "en" ? o.nameEn : o.name} · ${tEnum(`officeKind.${o.kind}`)}` }))} />
        </Form.Item>
        {user ? (
          <Form.Item label={t("active")} name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : (
          <Form.Item label={t("password")} name="password" rules={[{ required: true, min: 10, message: t("passwordHelp") }]} extra={t("passwordHelp")}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function ResetDialog({ user, onClose, submit }: { user: User; onClose: () => void; submit: Submit }) {
  const t = useTranslations("admin");
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [pending, setPending] = useState(false);
  async function onFinish(values: Record<string, unknown>) {
    setPending(true);
    const result = await submit(values);
    setPending(false);
    if (result.status === "ok") {
      message.success(t("passwordReset"));
      onClose();
      return;
    }
    showFieldErrors(form, result);
  }
  return (
    <Modal open title={`${t("resetPassword")}: ${user.username}`} onCancel={onClose} onOk={() => form.submit()} okText={t("save")} cancelText={t("cancel")} confirmLoading={pending}>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item label={t("newPassword")} name="password" rules={[{ required: true, min: 10, message: t("passwordHelp") }]} extra={t("passwordHelp")}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
