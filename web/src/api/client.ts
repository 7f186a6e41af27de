/**
 * The console's only way to the server: fetch with the session cookie, JSON in and out, and
 * `application/problem+json` answers turned into an `ApiError` that keeps the field paths.
 *
 * @example
 * const page = await api.get<SearchResult>('/api/catalog/resources?q=人口');
 */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export interface Problem {
  readonly type?: string;
  readonly title?: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldProblem[];
  readonly [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
  get status() {
    return this.problem.status;
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called when any request answers 401, so that the session can send the person back to sign in. */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

async function toProblem(response: Response): Promise<Problem> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return { ...body, status: response.status, detail: body.detail ?? response.statusText, code: body.code ?? 'error' };
    } catch {
      // fall through to the generic problem
    }
  }
  return { status: response.status, code: response.status === 0 ? 'network' : 'error', detail: `服务器返回 ${response.status} / server answered ${response.status}` };
}

function raise(problem: Problem, path: string): never {
  if (problem.status === 401 && !path.startsWith('/api/auth/')) for (const l of unauthenticatedListeners) l();
  throw new ApiError(problem);
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, as: 'json' | 'text' = 'json'): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', detail: '无法连接服务器 / cannot reach the server' });
  }
  if (!response.ok) raise(await toProblem(response), path);
  if (response.status === 204) return undefined as T;
  return (as === 'text' ? await response.text() : await response.json()) as T;
}

/** Uploads one file as multipart/form-data; XMLHttpRequest because fetch reports no upload progress. */
function upload<T>(path: string, file: Blob, filename: string, onProgress?: (percent: number) => void, fields: Readonly<Record<string, string>> = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = false; // same-origin requests carry the session cookie anyway
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'network', detail: '无法连接服务器 / cannot reach the server' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      const p = (body ?? {}) as Partial<Problem>;
      try {
        raise({ ...p, status: xhr.status, detail: p.detail ?? xhr.statusText, code: p.code ?? 'error' }, path);
      } catch (error) {
        reject(error);
      }
    };
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, filename);
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  /** A plain-text answer (the audit checkpoint and key). */
  text: (path: string, signal?: AbortSignal) => request<string>('GET', path, undefined, signal, 'text'),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  upload,
};

/** Builds a query string from the defined, non-empty values. */
export function query(params: Readonly<Record<string, string | number | boolean | undefined | null>>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
