import { PipelineAbortError } from '../emulator/contracts';

describe('package skeleton', () => {
  it('compiles and runs a TypeScript test', () => {
    expect(new PipelineAbortError('no').code).toBe('0x80040265');
  });
});
