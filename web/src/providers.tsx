import { useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import enUSModule from 'antd/es/locale/en_US.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useI18n } from './i18n/i18n.tsx';
import { esmDefault } from './interop.ts';

const zhCN = esmDefault<Locale>(zhCNModule);
const enUS = esmDefault<Locale>(enUSModule);

dayjs.locale('zh-cn');

/** Ant Design in Chinese (zh_CN, dayjs zh-cn) by default, English when the toggle says so. */
export function Providers({ children }: { children: ReactNode }) {
  const { lang, t } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.title = t('app.name');
  }, [lang, t]);
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
