"use client";
import { signOut } from "next-auth/react";

/**
 * Ends this browser's session and opens the login page of the site the user is on. next-auth's
 * own redirect (signOut({ callbackUrl })) goes to NEXTAUTH_URL's origin, which is
 * http://localhost:3000 whenever NEXTAUTH_URL is unset: wrong on any other port or host.
 */
export async function signOutToLogin() {
  await signOut({ redirect: false });
  // A full page load on purpose: nothing of the signed-out session may stay in client state.
  // eslint-disable-next-line @next/next/no-location-assign-relative-destination
  window.location.assign("/login");
}
