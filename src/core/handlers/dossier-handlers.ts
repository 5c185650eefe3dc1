import type { EngineHandlers, ParsedInput } from '../../shared/contract';
import { PROBLEM } from '../../shared/contract';
import { addCalendarWorkingDays, lastDayToReturn } from '../../shared/working-calendar';
import { dossierCodeParts } from '../dossier-code';
import { holidayCalendar } from '../result/holiday-calendar';
import { AgencyMissingError } from '../settings/settings-errors';
import { InputInvalidError, NotFoundError } from '../validation-error';
import type { ServiceContext } from './handler-context';

type DossierHandlers = Pick<EngineHandlers, 'dossier.create' | 'dossier.list' | 'dossier.get'>;

export function dossierHandlers(ctx: ServiceContext): DossierHandlers {
  const { store, audit, events } = ctx;
  const now = ctx.now ?? (() => new Date());

  function createDossier(input: ParsedInput<'dossier.create'>) {
    const procedure = store.procedures.get(input.procedureCode);
    if (!procedure) throw new InputInvalidError([{ field: 'procedureCode', problem: PROBLEM.procedureUnknown }]);
    const calendar = holidayCalendar(store.settings);
    // An appointment typed on a weekend or holiday ends on the next working day (Civil Code 2015, art. 148(4)).
    const dueDate = input.dueDate
      ? lastDayToReturn(calendar, input.dueDate)
      : procedure.processingDays != null
        ? addCalendarWorkingDays(calendar, input.receivedDate, procedure.processingDays)
        : null;
    const agency = ctx.agency();
    if (!agency) throw new AgencyMissingError();
    const pattern = ctx.settings.text('dossier.code_pattern');
    const code = dossierCodeParts(pattern, agency.code, now());
    const dossier = store.transaction(() => {
      const d = store.dossiers.insert(
        {
          kind: 'intake',
          procedureCode: procedure.code,
          applicantName: input.applicantName.normalize('NFC'),
          applicantCccd: input.applicantCccd,
          applicantPhone: input.applicantPhone || null,
          applicantAddress: input.applicantAddress?.normalize('NFC') || null,
          receivedDate: input.receivedDate,
          dueDate,
          workstationId: ctx.workstation.id,
          agency,
        },
        code,
      );
      store.search.indexDossier(
        d.id,
        [d.code, d.applicantName, d.applicantCccd, d.applicantAddress, procedure.name].filter(Boolean).join(' '),
      );
      audit.append({
        actor: ctx.actor,
        action: 'dossier.create',
        subject: d.code,
        details: {
          id: d.id,
          procedure: procedure.code,
          ...(input.dueDate && input.dueDate !== dueDate ? { dueDateTyped: input.dueDate, dueDate } : {}),
        },
      });
      return d;
    });
    events.emit('dossier.changed', { id: dossier.id });
    return dossier;
  }

  return {
    'dossier.create': createDossier,
    'dossier.list': ({ query, kind, limit, offset }) => {
      if (query && query.trim()) {
        const ids = [...new Set(store.search.search(query, 5000).map((h) => h.dossierId))];
        return store.dossiers.list(limit, offset, { ids, kind });
      }
      return store.dossiers.list(limit, offset, { kind });
    },
    'dossier.get': ({ id }) => {
      const d = store.dossiers.get(id);
      if (!d) throw new NotFoundError('dossier', id);
      return { ...d, pages: store.dossiers.pages(id) };
    },
  };
}
