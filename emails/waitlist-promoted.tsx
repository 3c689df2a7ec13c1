import RegistrationConfirmedEmail, {
  type RegistrationConfirmedEmailProps,
} from "./registration-confirmed.tsx";

export type WaitlistPromotedEmailProps = Omit<RegistrationConfirmedEmailProps, "promoted">;

/** A seat came free and the first person waiting got it: the confirmation, with how it came about. */
export default function WaitlistPromotedEmail(props: WaitlistPromotedEmailProps) {
  return <RegistrationConfirmedEmail {...props} promoted />;
}

WaitlistPromotedEmail.PreviewProps = {
  ...RegistrationConfirmedEmail.PreviewProps,
  locale: "en",
} satisfies WaitlistPromotedEmailProps;
