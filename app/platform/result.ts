// One shape for the answer of every use case that can refuse: `{ ok: true, …what it made }` or
// `{ ok: false, error, field? }`, where `error` is a translation key and `field` the form field it belongs to
// (none: the whole form). Routes turn a refusal into the form's errors (app/web/form-action.server.ts).

export type Refusal<Extra extends object = object> = { ok: false; error: string; field?: string } & Extra;
export type Result<Done extends object = object, Extra extends object = object> =
  | ({ ok: true } & Done)
  | Refusal<Extra>;

export function refuse<Extra extends object = object>(
  error: string,
  field?: string,
  extra?: Extra,
): Refusal<Extra> {
  return { ok: false, error, ...(field ? { field } : {}), ...(extra as Extra) };
}
