// Built-in templates: each is a decision document, created the same way as an import.
import type { DecisionDocument } from '../api.ts';
import type { TemplateInfo } from '../types.ts';
import { djangoVsFlask } from './django-vs-flask.ts';

export interface TemplateDocument extends TemplateInfo {
  document: Omit<Partial<DecisionDocument>, 'options' | 'criteria'> & Pick<DecisionDocument, 'title' | 'options' | 'criteria'>;
}

const blank: TemplateDocument = {
  id: 'blank',
  title: 'Blank decision',
  description: 'An empty decision with the default 1–5 scale: add your own options and criteria.',
  document: { title: 'Untitled decision', options: [], criteria: [] },
};

export const templates: readonly TemplateDocument[] = [blank, djangoVsFlask];

export function templateById(id: string): TemplateDocument | undefined {
  return templates.find((t) => t.id === id);
}
