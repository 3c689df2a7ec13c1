// The loader's and the action's data as the parts of the committee page see them.
import type { useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "./route.tsx";

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ActionData = ReturnType<typeof useActionData<typeof action>>;
