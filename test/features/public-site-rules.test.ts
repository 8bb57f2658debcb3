// The public site's pure rules: slugs that stay put and map back to a group's key, kinds in URLs, ETags.
import { describe, expect, it } from 'vitest';
import { groupKey } from '../../src/features/directory/rules.js';
import { etagOf, groupSlug, keyOfSlug, kindFromParam, matchesEtag } from '../../src/features/public-site/rules.js';

describe('groupSlug', () => {
  it('is the name in lower case with words joined by hyphens, and stands for the group key', () => {
    const cases: [string, string][] = [
      ['Data & Measurement', 'data-and-measurement'],
      ['Workforce Development/Small Business', 'workforce-development-small-business'],
      ['  Bibliothèques Numériques!  ', 'bibliotheques-numeriques'],
      ['AI (Artificial Intelligence) & Libraries', 'ai-artificial-intelligence-and-libraries'],
    ];
    for (const [name, slug] of cases) {
      expect(groupSlug(name)).toBe(slug);
      expect(keyOfSlug(slug)).toBe(groupKey(name));
    }
  });

  it('refuses text that is no slug', () => {
    for (const text of ['', 'Data', 'data--x', '-data', '../etc', 'data_x']) expect(keyOfSlug(text), text).toBeUndefined();
  });
});

describe('kinds and ETags', () => {
  it('reads kinds from URLs', () => {
    expect(kindFromParam('core-ig')).toBe('CORE_IG');
    expect(kindFromParam('PLA-IG')).toBe('PLA_IG');
    expect(kindFromParam('mig')).toBe('MIG');
    expect(kindFromParam('CORE_IG')).toBeUndefined();
    expect(kindFromParam(null)).toBeUndefined();
  });

  it('tags the same body the same way, and matches If-None-Match lists, weak tags and *', () => {
    const tag = etagOf('<p>hello</p>');
    expect(etagOf('<p>hello</p>')).toBe(tag);
    expect(etagOf('<p>hello!</p>')).not.toBe(tag);
    expect(matchesEtag(tag, tag)).toBe(true);
    expect(matchesEtag(`"a", W/${tag}`, tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag('"a"', tag)).toBe(false);
    expect(matchesEtag(undefined, tag)).toBe(false);
  });
});
