// The share of the editor area each editor group has, from the layout `vscode.getEditorLayout`
// reports: a tree of groups, side by side (orientation 0) or stacked (1), each level turning the
// other way, with sizes along the level's direction (pixels; missing sizes are equal shares).

export interface GroupLayout {
  size?: number;
  groups?: GroupLayout[];
}

export interface EditorLayout {
  orientation: number;
  groups: GroupLayout[];
}

/** Each group's share of the whole area, in the order of view columns (the grid read depth first). */
export function groupAreas(layout: EditorLayout): number[] {
  const areas: number[] = [];
  const visit = (groups: GroupLayout[], sideBySide: boolean, width: number, height: number): void => {
    const sizes = groups.map((g) => (typeof g.size === 'number' && g.size > 0 ? g.size : undefined));
    const known = sizes.filter((s): s is number => s !== undefined);
    const fallback = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
    const total = sizes.reduce<number>((sum, s) => sum + (s ?? fallback), 0);
    groups.forEach((g, i) => {
      const share = (sizes[i] ?? fallback) / total;
      const w = sideBySide ? width * share : width;
      const h = sideBySide ? height : height * share;
      if (g.groups && g.groups.length > 0) visit(g.groups, !sideBySide, w, h);
      else areas.push(w * h);
    });
  };
  if (layout.groups.length > 0) visit(layout.groups, layout.orientation === 0, 1, 1);
  return areas;
}
