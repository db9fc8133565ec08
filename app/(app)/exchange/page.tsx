import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { loadExchangeOverview } from "@/lib/data-exchange/loaders";
import { saveExpectationAction } from "@/lib/data-exchange/actions";
import { ExchangeOverview } from "@/components/exchange/exchange-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exchange"))("title") };
}

export default async function ExchangePage() {
  return <ExchangeOverview data={await loadExchangeOverview()} saveExpectation={saveExpectationAction} />;
}
