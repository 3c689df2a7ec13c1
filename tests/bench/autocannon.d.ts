// The part of autocannon (9) the HTTP benchmarks use; it ships no types (@types/autocannon is not needed
// for this much).
declare module "autocannon" {
  namespace autocannon {
    type Request = {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      requests?: Array<
        Request & {
          setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
          onResponse?: (
            status: number,
            body: string,
            context: Record<string, unknown>,
            headers: Record<string, string>,
          ) => void;
        }
      >;
    };
    type Result = { errors: number; timeouts: number; non2xx: number; requests: { total: number } };
    type Instance = {
      on(
        event: "response",
        listener: (client: unknown, status: number, bytes: number, ms: number) => void,
      ): Instance;
      stop(): void;
    };
  }
  function autocannon(
    options: autocannon.Options,
    done: (error: Error | null, result: autocannon.Result) => void,
  ): autocannon.Instance;
  export default autocannon;
}
