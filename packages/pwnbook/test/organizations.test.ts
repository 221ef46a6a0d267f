import { describe, expect, expectTypeOf, it } from 'vitest';
import { InvalidInputError, type Member, type Organization, type Paginator } from '../src/index.js';
import { api, client, rejection, useNock } from './helpers.js';

useNock();

const ORG = {
  id: 'org_01j9k2m3n4p5q6r7s8t9',
  name: 'Redteam Security LLC',
  slug: 'redteam-security',
  plan: 'business',
  memberCount: 8,
  engagementCount: 23,
  createdAt: '2024-06-01T00:00:00.000Z',
  settings: { requireTwoFactor: true, domainAutoJoin: false, ssoEnabled: false },
};

describe('organizations.current', () => {
  it('retrieve: GET /api/v1/organizations/current, the documented sample', async () => {
    api().get('/api/v1/organizations/current').reply(200, { data: ORG });
    const org = await client().organizations.current.retrieve();
    expectTypeOf(org).toEqualTypeOf<Organization>();
    expect(org).toEqual(ORG);
  });

  it('retrieve: the other doc site’s sample without engagementCount, and an unknown plan, are accepted', async () => {
    const { engagementCount: _omitted, ...rest } = ORG;
    api()
      .get('/api/v1/organizations/current')
      .reply(200, { data: { ...rest, plan: 'team' } });
    const org = await client().organizations.current.retrieve();
    expect(org.engagementCount).toBeUndefined();
    expect(org.plan).toBe('team');
  });

  it('update: PATCH { name }, resolves the partial object', async () => {
    const partial = {
      id: ORG.id,
      name: 'Redteam Security Group LLC',
      slug: 'redteam-security',
      updatedAt: '2025-03-01T12:00:00.000Z',
    };
    api()
      .patch('/api/v1/organizations/current', { name: 'Redteam Security Group LLC' })
      .reply(200, { data: partial });
    const org = await client().organizations.current.update({ name: 'Redteam Security Group LLC' });
    expectTypeOf(org).toEqualTypeOf<Organization>();
    expect(org).toEqual(partial);
  });
});

describe('organizations.current.members', () => {
  const member = { id: 'usr_1', email: 'mia@redteam.example', name: 'Mia', role: 'member' };

  it('list: GET …/members with page and perPage, unwrapping data', async () => {
    api()
      .get('/api/v1/organizations/current/members')
      .query({ perPage: '50' })
      .reply(200, { data: [member], meta: { total: 1, page: 1, perPage: 50, totalPages: 1 } });
    const paginator = client().organizations.current.members.list({ perPage: 50 });
    expectTypeOf(paginator).toEqualTypeOf<Paginator<Member>>();
    expect(await paginator.toArray()).toEqual([member]);
  });

  it('list: a response without meta is a single page', async () => {
    api()
      .get('/api/v1/organizations/current/members')
      .reply(200, { data: [member, { ...member, id: 'usr_2' }] });
    expect((await client().organizations.current.members.list().toArray()).map((m) => m.id)).toEqual([
      'usr_1',
      'usr_2',
    ]);
  });

  it('list: perPage over 100 is refused locally', async () => {
    const error = await rejection(client().organizations.current.members.list({ perPage: 101 }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('perPage must be between 1 and 100; got 101.');
  });

  it('invite: POST …/members/invite { email, role }, resolves data untyped', async () => {
    const invitation = { id: 'inv_1', email: 'new@redteam.example', role: 'admin', status: 'pending' };
    api()
      .post('/api/v1/organizations/current/members/invite', { email: 'new@redteam.example', role: 'admin' })
      .reply(201, { data: invitation });
    const result = await client().organizations.current.members.invite({
      email: 'new@redteam.example',
      role: 'admin',
    });
    expectTypeOf(result).toEqualTypeOf<unknown>();
    expect(result).toEqual(invitation);
    const missing = await rejection(client().organizations.current.members.invite({} as { email: string }));
    expect(missing.message).toBe('body.email is required.');
  });

  it('delete: DELETE …/members/{userId} resolves undefined', async () => {
    api().delete('/api/v1/organizations/current/members/usr_1').reply(204);
    expect(await client().organizations.current.members.delete('usr_1')).toBeUndefined();
  });

  it('update: PATCH …/members/{userId} { role }', async () => {
    api()
      .patch('/api/v1/organizations/current/members/usr_1', { role: 'admin' })
      .reply(200, { data: { ...member, role: 'admin' } });
    const updated = await client().organizations.current.members.update('usr_1', { role: 'admin' });
    expectTypeOf(updated).toEqualTypeOf<Member>();
    expect(updated.role).toBe('admin');
  });
});
