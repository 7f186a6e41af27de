export interface CalendarDayRow {
  date: string;
  kind: string;
  note: string | null;
  updated_by: string;
  updated_at: string;
}

export interface CalendarTables {
  calendar_days: CalendarDayRow;
}
