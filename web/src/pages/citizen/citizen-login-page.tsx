import { useState } from 'react';
import { Link, Navigate, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { api, ApiError, type FieldProblem } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession } from '../../session/session.tsx';
import { ProblemAlert } from '../../components/states.tsx';
import { showProblems } from '../catalog/form-errors.ts';
import { CitizenLayout } from './citizen-layout.tsx';

interface CodeAnswer {
  sent: boolean;
  demo: boolean;
  code?: string;
  note?: string;
}

/** 群众登录: ID number and a one-time code (shown on screen in the demo; sent by SMS in production). */
export function CitizenLoginPage() {
  const { t, bi } = useI18n();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ idNumber: string; code: string }>();
  const [sent, setSent] = useState<CodeAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown; unplaced: FieldProblem[] } | null>(null);
  if (me?.kind === 'citizen') return <Navigate to="/citizen" replace />;

  const fail = (e: unknown) => setFailure({ error: e, unplaced: e instanceof ApiError ? showProblems(form, e.problem.errors ?? [], bi) : [] });
  const askCode = async () => {
    setFailure(null);
    try {
      const { idNumber } = await form.validateFields(['idNumber']);
      const answer = await api.post<CodeAnswer>('/api/auth/citizen/code', { idNumber: idNumber.trim() });
      setSent(answer);
      if (answer.code) form.setFieldValue('code', answer.code);
    } catch (e) {
      if (e instanceof ApiError) fail(e);
    }
  };
  const signIn = async (v: { idNumber: string; code: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      await api.post('/api/auth/citizen/login', { idNumber: v.idNumber.trim(), code: v.code.trim() });
      await refresh();
      navigate('/citizen', { replace: true });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <CitizenLayout>
      <Card style={{ maxWidth: 420, margin: '24px auto' }}>
        <Typography.Title level={4}>{t('citizen.loginTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('citizen.loginHint')}</Typography.Paragraph>
        {failure && <ProblemAlert error={failure.error} unplaced={failure.unplaced} />}
        {sent?.demo && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('citizen.demoCode', { code: sent.code ?? '' })} description={bi(sent.note)} />}
        <Form form={form} layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item name="idNumber" label={t('citizen.idNumber')} rules={[{ required: true, whitespace: true, message: t('citizen.idRequired') }, { pattern: /^\s*\d{17}[\dXx]\s*$/, message: t('citizen.idFormat') }]}>
            <Input maxLength={18} autoComplete="off" inputMode="text" />
          </Form.Item>
          <Form.Item label={t('citizen.code')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="code" noStyle rules={[{ required: true, len: 6, message: t('citizen.codeRequired') }]}>
                <Input maxLength={6} inputMode="numeric" aria-label={t('citizen.code')} />
              </Form.Item>
              <Button onClick={askCode}>{t('citizen.getCode')}</Button>
            </Space.Compact>
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>{t('citizen.signIn')}</Button>
        </Form>
        <div style={{ marginTop: 16 }}><Link to="/login">{t('citizen.staffLogin')}</Link></div>
      </Card>
    </CitizenLayout>
  );
}
