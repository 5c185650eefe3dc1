import type { EngineHandlers } from '../../shared/contract';
import { readHolidays, writeYearHolidays, HOLIDAYS_SETTING } from '../result/holiday-calendar';
import type { ServiceContext } from './handler-context';

type Handlers = Pick<EngineHandlers, 'calendar.holidays' | 'calendar.setHolidays'>;

/** The working-day calendar's public holidays, one year at a time; the administrator edits them. */
export function calendarHandlers(ctx: ServiceContext): Handlers {
  const { store, audit } = ctx;
  return {
    'calendar.holidays': ({ year }) => ({ year, days: readHolidays(store.settings).filter((d) => d.startsWith(`${year}-`)) }),

    'calendar.setHolidays': ({ year, days }) => {
      const saved = store.transaction(() => {
        const before = readHolidays(store.settings).filter((d) => d.startsWith(`${year}-`));
        const after = writeYearHolidays(store.settings, year, days);
        audit.append({ actor: ctx.actor, action: 'setting.change', subject: HOLIDAYS_SETTING, details: { year, before, after } });
        return after;
      });
      return { year, days: saved };
    },
  };
}
