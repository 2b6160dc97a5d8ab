import {
  normaliseUsername,
  registrantContactId,
  usernameClaimId,
  uuidV5,
} from '../../sdk/invitations/username-claim';

describe('username claims', () => {
  it('computes RFC 9562 version 5 UUIDs (the DNS namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives one claim id to every spelling of a username that differs only in case', () => {
    expect(usernameClaimId('Alice')).toBe(usernameClaimId('aLICE'));
  });

  it('gives different usernames different claim ids', () => {
    expect(usernameClaimId('alice')).not.toBe(usernameClaimId('alice2'));
  });

  it('keeps the claim id apart from the new contact id of the same username', () => {
    expect(registrantContactId('alice')).not.toBe(usernameClaimId('alice'));
  });

  it('compares composed and decomposed accents as one username', () => {
    expect(normaliseUsername('Jose\u0301')).toBe(normaliseUsername('josé'));
  });
});
