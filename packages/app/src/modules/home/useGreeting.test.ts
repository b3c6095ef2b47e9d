import { displayNameOf, greetingFor } from './useGreeting';

describe('greeting', () => {
  it.each([
    [3, 'Good evening'],
    [8, 'Good morning'],
    [13, 'Good afternoon'],
    [21, 'Good evening'],
  ])('at %i h: %s', (hour, greeting) => {
    expect(greetingFor(new Date(2024, 4, 1, hour))).toBe(greeting);
  });

  it('greets by display name, else by user name', () => {
    expect(displayNameOf('Alice Smith', 'user:default/alice')).toBe(
      'Alice Smith',
    );
    expect(displayNameOf(' ', 'user:development/guest')).toBe('guest');
    expect(displayNameOf(undefined, undefined)).toBeUndefined();
  });
});
