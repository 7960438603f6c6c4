import { useState } from 'react';

/**
 * Which of a model's versions a view shows: the first until the user picks another (a version
 * that disappears from the list falls back to the first).
 */
export function useVersionChoice<V extends { version: string }>(versions: readonly V[]) {
  const [selected, setSelected] = useState(versions[0]?.version);
  const version = versions.find((v) => v.version === selected) ?? versions[0];
  return { version, selected, setSelected };
}

/** The "Version" picker of a view, shown only when there is more than one to choose from. */
export function VersionSelect({
  versions,
  selected,
  onChange,
}: {
  versions: readonly { version: string }[];
  selected: string | undefined;
  onChange: (version: string) => void;
}) {
  if (versions.length <= 1) return null;
  return (
    <label>
      Version{' '}
      <select value={selected} onChange={(e) => onChange(e.target.value)}>
        {versions.map((v) => (
          <option key={v.version}>{v.version}</option>
        ))}
      </select>
    </label>
  );
}
