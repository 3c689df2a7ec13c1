// The personal link: a button, and the same link as text for clients that block or mangle buttons.
import { Button, Link, Text } from "@react-email/components";
import { button, linkStyle, small } from "./layout.tsx";

export function LinkButton({ url, label }: { url: string; label: string }) {
  return (
    <Button href={url} style={button}>
      {label}
    </Button>
  );
}

/** `intro` ("If the button does not work, copy this link…") above the link itself. */
export function RawLink({ url, intro }: { url: string; intro: string }) {
  return (
    <>
      <Text style={small}>{intro}</Text>
      <Text style={{ ...small, wordBreak: "break-all" }}>
        <Link href={url} style={linkStyle}>
          {url}
        </Link>
      </Text>
    </>
  );
}

/** The button with the raw link below it. */
export function PersonalLink({
  url,
  label,
  rawLinkIntro,
}: {
  url: string;
  label: string;
  rawLinkIntro: string;
}) {
  return (
    <>
      <LinkButton url={url} label={label} />
      <RawLink url={url} intro={rawLinkIntro} />
    </>
  );
}
