import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "@/lib/i18n/config";

// The signed-in user's saved choice wins; before login, the cookie the switcher sets.
export default getRequestConfig(async () => {
  const actor = await getActor().catch(() => null);
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(actor?.user.locale) ? actor.user.locale : isLocale(cookieLocale) ? cookieLocale : DEFAULT_LOCALE;
  return {
    locale,
    timeZone: "Asia/Shanghai",
    messages: (await import(`./messages/${locale}.json`)).default,
    formats: {
      dateTime: {
        short: { year: "numeric", month: "2-digit", day: "2-digit" },
        long: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" },
      },
      number: { yuan: { style: "currency", currency: "CNY", maximumFractionDigits: 0 } },
    },
  };
});
