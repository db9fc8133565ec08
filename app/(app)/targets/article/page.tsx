import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadArticleReport } from "@/lib/targets/loaders";
import { ArticleReport } from "@/components/targets/article-report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("targets"))("article.link") };
}

export default async function ArticleReportPage() {
  return <ArticleReport data={await loadArticleReport()} />;
}
