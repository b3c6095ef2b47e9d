import { createAudited } from './audited';

describe('createAudited', () => {
  const setup = () => {
    const event = { success: jest.fn(), fail: jest.fn() };
    const auditor = { createEvent: jest.fn(async () => event) };
    return { event, auditor, audited: createAudited(auditor as never) };
  };
  const req = {} as never;

  it('records success, with meta of the result when asked', async () => {
    const { event, auditor, audited } = setup();
    await expect(
      audited(
        req,
        'thing-create',
        { name: 'a' },
        async () => 7,
        n => ({ n }),
      ),
    ).resolves.toBe(7);
    expect(auditor.createEvent).toHaveBeenCalledWith({
      eventId: 'thing-create',
      severityLevel: 'medium',
      request: req,
      meta: { name: 'a' },
    });
    expect(event.success).toHaveBeenCalledWith({ meta: { n: 7 } });
    await audited(req, 'thing-create', {}, async () => 1);
    expect(event.success).toHaveBeenLastCalledWith(undefined);
  });

  it('records failure and rethrows', async () => {
    const { event, audited } = setup();
    const error = new Error('nope');
    await expect(
      audited(req, 'thing-delete', {}, async () => {
        throw error;
      }),
    ).rejects.toBe(error);
    expect(event.fail).toHaveBeenCalledWith({ error });
    expect(event.success).not.toHaveBeenCalled();
  });
});
