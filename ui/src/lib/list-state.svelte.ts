// What the inventory remembers while the user opens a key and comes back: the filters, where the
// page was scrolled to and which key was opened (focus returns to its row). Forgotten on lock.
import { emptyFilter, type KeyFilter } from './filter';

class ListState {
  filter = $state<KeyFilter>(emptyFilter());
  scrollY = 0;
  /** The key last opened from the list, so keyboard focus can land back on its row. */
  opened: string | null = null;

  reset(): void {
    this.filter = emptyFilter();
    this.scrollY = 0;
    this.opened = null;
  }
}

export const listState = new ListState();
