// The desktop menu's commands, carried out with the same store actions as the buttons and keys.
import type { MenuCommand } from '../../shared/desktop.ts';
import type { Store } from './store/index.ts';

export function runMenuCommand({ command, template }: MenuCommand, s: Store): void {
  switch (command) {
    case 'new-decision':
      return s.requestNewDecision(template ?? 'blank');
    case 'presenter':
      return s.togglePresenter();
    case 'toggle-theme':
      return s.toggleTheme();
    case 'zoom-in':
      return s.zoomBy(0.1);
    case 'zoom-out':
      return s.zoomBy(-0.1);
    case 'zoom-reset':
      return s.resetZoom();
    case 'shortcuts':
      return s.setShowShortcuts(!s.showShortcuts);
  }
}
