import Link from 'next/link'
import React from 'react'

/** A dashboard page the person's role does not include, or a branch that is not theirs, said in words. */
export function Refused({ title, reason, back }: { title: string; reason: 'role' | 'branch'; back: string }) {
  return (
    <main>
      <h1>{title}</h1>
      <p className="notice" role="alert">
        {reason === 'branch' ? (
          <>
            That branch is not one of yours. <Link href={back}>Show all my branches</Link>.
          </>
        ) : (
          <>
            Your role does not include this page. Ask your organization&apos;s admin if you need it. <Link href="/dashboard">Back to the overview</Link>.
          </>
        )}
      </p>
    </main>
  )
}
