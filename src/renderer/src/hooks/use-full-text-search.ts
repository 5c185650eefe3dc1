import { useState, type FormEvent } from 'react';
import type { SearchHit } from '../../../shared/types';
import { useEngine } from '../engine/engine-context';
import { errorCode, fieldIssues } from '../engine/engine-errors';

export interface SearchOutcome {
  text: string;
  hits: SearchHit[];
}

/** Full-text search over dossiers and OCR text; runs when the user submits. */
export function useFullTextSearch() {
  const api = useEngine();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [failureCode, setFailureCode] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSearching(true);
    try {
      const hits = await api['search.query']({ text });
      setOutcome({ text: text.trim(), hits });
      setProblem(null);
      setFailureCode(null);
    } catch (error) {
      const issue = fieldIssues(error)[0];
      setProblem(issue ? issue.problem : null);
      setFailureCode(issue ? null : errorCode(error));
      setOutcome(null);
    } finally {
      setSearching(false);
    }
  };

  return { text, setText, outcome, problem, failureCode, searching, submit };
}
