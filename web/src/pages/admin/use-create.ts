import { useState } from 'react';
import type { FormInstance } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import { showProblems } from '../catalog/form-errors.ts';

/**
 * POSTs a form's values and puts the server's field problems beside the fields; what no field can
 * show is returned for an alert.
 */
export function useCreate<T>(form: FormInstance, path: string, translate: (m: string) => string) {
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async (body: unknown): Promise<T | undefined> => {
    setBusy(true);
    setFailure(null);
    try {
      return await api.post<T>(path, body);
    } catch (e) {
      setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], translate) : [] });
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { create, failure, busy, clear: () => setFailure(null) };
}
