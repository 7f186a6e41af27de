import { Type } from 'typebox';
import type { App } from '../http/types.ts';
import type { CalendarService } from './service.ts';

export function calendarRoutes(app: App, deps: { calendar: CalendarService }) {
  const tags = ['calendar'];
  app.get('/calendar', {
    config: { access: 'authenticated' },
    schema: { tags, summary: '工作日历（节假日与调休）/ working-day calendar', querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) }) },
  }, async (request) => deps.calendar.overrides(request.query.year));

  app.put('/calendar', {
    config: { access: 'calendar:manage' },
    schema: {
      tags, summary: '设置节假日、调休或恢复默认 / set holidays, make-up workdays or defaults',
      body: Type.Object({ days: Type.Array(Type.Object({ date: Type.String(), kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday'), Type.Literal('default')]), note: Type.Optional(Type.String({ maxLength: 200 })) }), { minItems: 1, maxItems: 400 }) }),
    },
  }, async (request, reply) => {
    await deps.calendar.setDays(request.body.days, request.principal!.id);
    return reply.code(204).send();
  });
}
