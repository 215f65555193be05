import { describe, expect, it } from 'vitest';
import { apiMessage } from './apiMessages';

describe('apiMessage', () => {
  it('shows common API field messages in Finnish and Swedish', () => {
    expect(apiMessage('is required', 'fi')).toBe('Pakollinen tieto.');
    expect(apiMessage('is required', 'sv')).toBe('Obligatorisk uppgift.');
    expect(apiMessage('must be one of music, dance', 'fi')).toBe('Valitse jokin näistä: music, dance.');
    expect(apiMessage('must be one of music, dance', 'sv')).toBe('Välj ett av följande: music, dance.');
    expect(apiMessage('something new', 'fi')).toBe('something new');
    expect(apiMessage('something new', 'sv')).toBe('something new');
    expect(apiMessage('is required', 'en')).toBe('is required');
  });
});
