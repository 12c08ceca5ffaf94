"""addTenantMember, updateMemberRole, removeTenantMember and tenantAdmins: every membership rule."""

from __future__ import annotations

from tests.support import Account, GraphQLClient, unique_email

ADD = """
mutation($t: ID!, $e: String!, $r: MemberRole!) {
  addTenantMember(tenantId: $t, email: $e, role: $r) {
    member { role user { id email } } errors { code field }
  }
}
"""
UPDATE = """
mutation($t: ID!, $u: ID!, $r: MemberRole!) {
  updateMemberRole(tenantId: $t, userId: $u, role: $r) { member { role } errors { code field } }
}
"""
REMOVE = """
mutation($t: ID!, $u: ID!) {
  removeTenantMember(tenantId: $t, userId: $u) { member { userId } errors { code field } }
}
"""
ADMINS = "query($t: ID!) { tenantAdmins(tenantId: $t) { role user { id } } }"
MEMBERS = "query($t: ID!) { tenant(id: $t) { members { role user { id } } } }"


async def bakery(client: GraphQLClient) -> tuple[str, Account]:
    """A tenant and its owner."""
    owner = await client.sign_up()
    return await client.create_tenant(owner), owner


async def test_add_tenant_member_by_owner_and_admin(client: GraphQLClient) -> None:
    tenant_id, owner = await bakery(client)
    admin, viewer = await client.sign_up(), await client.sign_up()
    by_owner = await client.execute(
        ADD, {"t": tenant_id, "e": admin.email.upper(), "r": "ADMIN"}, as_=owner
    )
    assert by_owner.data["addTenantMember"] == {
        "member": {"role": "ADMIN", "user": {"id": admin.id, "email": admin.email}},
        "errors": [],
    }
    by_admin = await client.execute(
        ADD, {"t": tenant_id, "e": viewer.email, "r": "VIEWER"}, as_=admin
    )
    assert by_admin.data["addTenantMember"]["errors"] == []
    members = await client.execute(MEMBERS, {"t": tenant_id}, as_=viewer)
    assert members.data["tenant"]["members"] == [
        {"role": "OWNER", "user": {"id": owner.id}},
        {"role": "ADMIN", "user": {"id": admin.id}},
        {"role": "VIEWER", "user": {"id": viewer.id}},
    ]


async def test_add_tenant_member_is_forbidden_below_admin(client: GraphQLClient) -> None:
    tenant_id, owner = await bakery(client)
    member, newcomer, stranger = (
        await client.sign_up(),
        await client.sign_up(),
        await client.sign_up(),
    )
    await client.add_member(tenant_id, member, "MEMBER", by=owner)
    as_member = await client.execute(
        ADD, {"t": tenant_id, "e": newcomer.email, "r": "VIEWER"}, as_=member
    )
    as_stranger = await client.execute(
        ADD, {"t": tenant_id, "e": newcomer.email, "r": "VIEWER"}, as_=stranger
    )
    assert as_member.codes == ["FORBIDDEN"]
    assert as_stranger.codes == ["FORBIDDEN"]
    assert as_member.data is None


async def test_add_tenant_member_cannot_grant_owner(client: GraphQLClient) -> None:
    tenant_id, owner = await bakery(client)
    other = await client.sign_up()
    result = await client.execute(ADD, {"t": tenant_id, "e": other.email, "r": "OWNER"}, as_=owner)
    assert result.data["addTenantMember"] == {
        "member": None,
        "errors": [{"code": "CANNOT_GRANT_OWNER", "field": "role"}],
    }


async def test_add_tenant_member_unknown_email_and_existing_member(
    client: GraphQLClient,
) -> None:
    tenant_id, owner = await bakery(client)
    unknown = await client.execute(
        ADD, {"t": tenant_id, "e": unique_email(), "r": "MEMBER"}, as_=owner
    )
    again = await client.execute(ADD, {"t": tenant_id, "e": owner.email, "r": "MEMBER"}, as_=owner)
    assert unknown.data["addTenantMember"]["errors"] == [
        {"code": "USER_NOT_FOUND", "field": "email"}
    ]
    assert again.data["addTenantMember"]["errors"] == [{"code": "ALREADY_MEMBER", "field": "email"}]


async def test_update_member_role_rules(client: GraphQLClient) -> None:
    tenant_id, owner = await bakery(client)
    admin, member = await client.sign_up(), await client.sign_up()
    await client.add_member(tenant_id, admin, "ADMIN", by=owner)
    await client.add_member(tenant_id, member, "VIEWER", by=owner)

    promoted = await client.execute(
        UPDATE, {"t": tenant_id, "u": member.id, "r": "MEMBER"}, as_=admin
    )
    to_owner = await client.execute(
        UPDATE, {"t": tenant_id, "u": member.id, "r": "OWNER"}, as_=owner
    )
    demote_owner = await client.execute(
        UPDATE, {"t": tenant_id, "u": owner.id, "r": "VIEWER"}, as_=admin
    )
    by_member = await client.execute(
        UPDATE, {"t": tenant_id, "u": admin.id, "r": "VIEWER"}, as_=member
    )
    outsider = await client.sign_up()
    not_member = await client.execute(
        UPDATE, {"t": tenant_id, "u": outsider.id, "r": "VIEWER"}, as_=owner
    )

    assert promoted.data["updateMemberRole"] == {"member": {"role": "MEMBER"}, "errors": []}
    assert to_owner.data["updateMemberRole"]["errors"] == [
        {"code": "CANNOT_GRANT_OWNER", "field": "role"}
    ]
    assert demote_owner.data["updateMemberRole"]["errors"] == [
        {"code": "CANNOT_CHANGE_OWNER_ROLE", "field": "userId"}
    ]
    assert by_member.codes == ["FORBIDDEN"]
    assert not_member.data["updateMemberRole"]["errors"] == [
        {"code": "MEMBER_NOT_FOUND", "field": "userId"}
    ]


async def test_remove_tenant_member_never_the_owner(client: GraphQLClient) -> None:
    tenant_id, owner = await bakery(client)
    admin, member = await client.sign_up(), await client.sign_up()
    await client.add_member(tenant_id, admin, "ADMIN", by=owner)
    await client.add_member(tenant_id, member, "MEMBER", by=owner)

    owner_removal = await client.execute(REMOVE, {"t": tenant_id, "u": owner.id}, as_=admin)
    removed = await client.execute(REMOVE, {"t": tenant_id, "u": member.id}, as_=admin)
    again = await client.execute(REMOVE, {"t": tenant_id, "u": member.id}, as_=admin)

    assert owner_removal.data["removeTenantMember"]["errors"] == [
        {"code": "CANNOT_REMOVE_OWNER", "field": "userId"}
    ]
    assert removed.data["removeTenantMember"] == {"member": {"userId": member.id}, "errors": []}
    assert again.data["removeTenantMember"]["errors"] == [
        {"code": "MEMBER_NOT_FOUND", "field": "userId"}
    ]
    gone = await client.execute(MEMBERS, {"t": tenant_id}, as_=member)
    assert gone.codes == ["FORBIDDEN"]
    mine = await client.execute("{ myTenants { id } }", as_=member)
    assert mine.data["myTenants"] == []


async def test_tenant_admins_lists_owner_and_admins_for_members_only(
    client: GraphQLClient, service_token: str
) -> None:
    tenant_id, owner = await bakery(client)
    admin, viewer, stranger = (
        await client.sign_up(),
        await client.sign_up(),
        await client.sign_up(),
    )
    await client.add_member(tenant_id, admin, "ADMIN", by=owner)
    await client.add_member(tenant_id, viewer, "VIEWER", by=owner)
    expected = [
        {"role": "OWNER", "user": {"id": owner.id}},
        {"role": "ADMIN", "user": {"id": admin.id}},
    ]

    as_viewer = await client.execute(ADMINS, {"t": tenant_id}, as_=viewer)
    as_service = await client.execute(
        ADMINS, {"t": tenant_id}, headers={"Authorization": f"Bearer {service_token}"}
    )
    as_stranger = await client.execute(ADMINS, {"t": tenant_id}, as_=stranger)
    anonymous = await client.execute(ADMINS, {"t": tenant_id})

    assert as_viewer.data["tenantAdmins"] == expected
    assert as_service.data["tenantAdmins"] == expected
    assert as_stranger.codes == ["FORBIDDEN"]
    assert anonymous.codes == ["UNAUTHENTICATED"]


async def test_service_manages_members_of_any_tenant(
    client: GraphQLClient, service_token: str
) -> None:
    tenant_id, _ = await bakery(client)
    newcomer = await client.sign_up()
    service = {"Authorization": f"Bearer {service_token}"}
    added = await client.execute(
        ADD, {"t": tenant_id, "e": newcomer.email, "r": "MEMBER"}, headers=service
    )
    missing_tenant = await client.execute(
        ADD,
        {"t": "00000000-0000-4000-8000-000000000000", "e": newcomer.email, "r": "MEMBER"},
        headers=service,
    )
    assert added.data["addTenantMember"]["errors"] == []
    assert missing_tenant.data["addTenantMember"]["errors"] == [
        {"code": "TENANT_NOT_FOUND", "field": "tenantId"}
    ]
