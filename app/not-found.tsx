import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <main style={{ padding: 48, textAlign: "center" }}>
      <h1 style={{ fontSize: 24 }}>{t("title")}</h1>
      <p>{t("body")}</p>
      <Link href="/persons">{t("back")}</Link>
    </main>
  );
}
