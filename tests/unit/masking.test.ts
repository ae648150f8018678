import { describe, expect, it } from 'vitest';
import {
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  normalizePhone,
} from '../../workers/domain/masking';

describe('phone numbers in lists and exports', () => {
  it('a mobile number shows its first 3 and last 4 digits', () => {
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskPhone('+86 138-1234-8000')).toBe('138****8000');
  });

  it('a landline keeps its area code and last 4 digits', () => {
    expect(maskPhone('0591-87654321')).toBe('0591****4321');
    expect(maskPhone('010-65432100')).toBe('010****2100');
    expect(maskPhone('0591 8765 4321')).toBe('0591****4321');
  });

  it('a local number without area code shows only its last 4 digits', () => {
    expect(maskPhone('87654321')).toBe('****4321');
  });

  it('short, empty or garbled input gives nothing away', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone(null)).toBe('');
    expect(maskPhone(undefined)).toBe('');
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone('无')).toBe('****');
  });

  it('the same number typed with a Chinese keyboard or a country code is the same number', () => {
    expect(normalizePhone('１３８１２３４８０００')).toBe('13812348000');
    expect(normalizePhone('0086 13812348000')).toBe('13812348000');
    expect(normalizePhone('8613812348000')).toBe('13812348000');
    expect(normalizePhone('0591-87654321')).toBe('059187654321');
  });

  it('knows a mainland mobile number', () => {
    expect(isValidMobile('13812348000')).toBe(true);
    expect(isValidMobile('+86 199 0000 1111')).toBe(true);
    expect(isValidMobile('12812348000')).toBe(false);
    expect(isValidMobile('1381234800')).toBe(false);
    expect(isValidMobile('0591-87654321')).toBe(false);
  });
});

describe('ID numbers', () => {
  it('an ID number shows its region and last 4 characters', () => {
    expect(maskIdNumber('110105199001010123')).toBe('110105********0123');
    expect(maskIdNumber('11010519900101012x')).toBe('110105********012X');
  });

  it('short or empty input gives nothing away', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber(null)).toBe('');
    expect(maskIdNumber('1101')).toBe('****');
  });

  it('normalizes a lowercase x, spaces and full-width digits', () => {
    expect(normalizeIdNumber(' 350102 19780228 123x ')).toBe('35010219780228123X');
    expect(normalizeIdNumber('１１０１０５１９９００１０１０１２５')).toBe('110105199001010125');
  });

  it('accepts an ID number whose check character is right', () => {
    expect(isValidIdNumber('110105199001010125')).toBe(true);
    expect(isValidIdNumber('440301198506152345')).toBe(true);
    // check character X, typed in lowercase
    expect(isValidIdNumber('11010519900101015x')).toBe(true);
  });

  it('rejects a mistyped ID number by its check character', () => {
    expect(isValidIdNumber('110105199001010123')).toBe(false);
    expect(isValidIdNumber('110105199001010152')).toBe(false);
  });

  it('rejects a birth date that does not exist, even with a right check character', () => {
    expect(isValidIdNumber('350102197802291234')).toBe(false);
  });

  it('rejects the old 15-digit numbers and anything not 18 characters', () => {
    expect(isValidIdNumber('110105900101012')).toBe(false);
    expect(isValidIdNumber('')).toBe(false);
    expect(isValidIdNumber(null)).toBe(false);
  });
});
