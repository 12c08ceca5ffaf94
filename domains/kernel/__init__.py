"""The shared kernel: what every domain builds on (errors, principals, context, paging, scalars).

It sits in the domains layer, not in `schema/`, because domains import it and imports run one
way (`gateway -> schema -> domains -> db`); see docs/decisions.md.
"""
