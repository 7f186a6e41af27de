import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { MESSAGES, type MessageKey } from './messages.ts';
import { interpolate, splitBilingual } from './text.ts';

export type Lang = 'zh' | 'en';

const STORAGE_KEY = 'shutong.lang';

export interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** A message by key, `{name}` placeholders filled from `vars`. */
  t(key: MessageKey, vars?: Readonly<Record<string, string | number>>): string;
  /** A message whose key is built from data (`registry.rule.${rule}`): the value itself when there is none. */
  tOr(key: string, fallback: string): string;
  /** A vocabulary value stored in Chinese (共享类型, 格式…): its English label in English mode. */
  tv(value: string | null | undefined): string;
  /** A server text written "中文 / English": the half for the current language. */
  bi(text: string | null | undefined): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/** The one i18n layer: Chinese by default, English when chosen (remembered in localStorage). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<I18n>(() => {
    const index = lang === 'zh' ? 0 : 1;
    // Keys built from data (`status.${s}`) may name a value the console does not know yet: show the value, do not crash.
    const t = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => interpolate((MESSAGES[key] as readonly [string, string] | undefined)?.[index] ?? key.slice(key.lastIndexOf('.') + 1), vars);
    const tv = (value: string | null | undefined) => {
      if (!value) return '';
      if (lang === 'zh') return value;
      const key = `vocab.${value}` as MessageKey;
      return key in MESSAGES ? MESSAGES[key][1] : value;
    };
    const bi = (text: string | null | undefined) => (text ? splitBilingual(text)[lang] : '');
    const tOr = (key: string, fallback: string) => (key in MESSAGES ? MESSAGES[key as MessageKey][index] : fallback);
    return { lang, setLang, t, tOr, tv, bi };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { MessageKey };
