// What a form needs to show after an action ran: per-field messages and a
// form-level message, as `errors` dictionary keys.
export interface FormState {
  fields: Record<string, string>;
  form: string | null;
}

interface ActionErrorLike {
  message: string;
  fields?: Record<string, string[] | undefined>;
  type?: string;
}

export function formState(result: { error?: ActionErrorLike } | undefined): FormState {
  const error = result?.error;
  if (!error) return { fields: {}, form: null };
  if (error.fields) {
    const fields: Record<string, string> = {};
    for (const [name, list] of Object.entries(error.fields)) if (list?.[0]) fields[name] = list[0];
    return { fields, form: 'formHasErrors' };
  }
  // DomainError with a field: "field:key"
  const [field, key] = error.message.includes(':') ? error.message.split(':', 2) : [null, error.message];
  return field ? { fields: { [field]: key }, form: 'formHasErrors' } : { fields: {}, form: key };
}
