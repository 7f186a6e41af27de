export { createCalendarService, type CalendarService } from './service.ts';
export { workingCalendar, localDate, endOfLocalDay, type WorkingCalendar, type DayKind } from './working-days.ts';
