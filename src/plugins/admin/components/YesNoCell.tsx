'use client'

import React from 'react'

/** A checkbox's list cell in words: "Yes" or "No" (Payload's own shows `true` and `false`). */
export const YesNoCell = ({ cellData }: { cellData?: unknown }) => <span>{cellData === true ? 'Yes' : cellData === false ? 'No' : '—'}</span>
