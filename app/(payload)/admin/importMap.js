import { SecretInput as SecretInput_da18e692b57876e59c8deb207daf6a15 } from '../../../src/plugins/tenancy/components/SecretInput'
import { OrganizationDateCell as OrganizationDateCell_2fc1b17fd0d60e606dac470e9b90557e } from '../../../src/plugins/admin/components/OrganizationDates'
import { OrganizationDateField as OrganizationDateField_2fc1b17fd0d60e606dac470e9b90557e } from '../../../src/plugins/admin/components/OrganizationDates'
import { YesNoCell as YesNoCell_66988c712ce5b135af506193e80d92c2 } from '../../../src/plugins/admin/components/YesNoCell'
import { SignedInSessionsField as SignedInSessionsField_b1ab022f2a68f2ae28bda0ab754f6c37 } from '../../../src/plugins/audit/components/SignedInSessionsField'
import { HotspotLoginLink as HotspotLoginLink_39b1d7e325d240a7833e7e78cba5b88f } from '../../../src/plugins/network/routers/components/HotspotLoginLink'
import { MinutesCell as MinutesCell_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { MinutesInWords as MinutesInWords_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { MegabytesCell as MegabytesCell_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { MegabytesInWords as MegabytesInWords_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { MoneyCell as MoneyCell_16900e0379cfcd8607eb1408be519391 } from '../../../src/plugins/admin/components/Money'
import { GenerateBatch as GenerateBatch_e074ad3401e936293856433af952bce6 } from '../../../src/plugins/network/vouchers/components/GenerateBatch'
import { ForceLogoutField as ForceLogoutField_a9e75675911991b74e0dd38e1d37c193 } from '../../../src/plugins/network/sessions/components/ForceLogoutField'
import { BytesCell as BytesCell_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { BytesInWords as BytesInWords_4383a373e1a8ccce9d0611dea0ff8f5a } from '../../../src/plugins/admin/components/Amounts'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { WifiSessionField as WifiSessionField_00ba9365f90b2a3babfd82e697efa88a } from '../../../src/plugins/helpdesk/tickets/components/WifiSessionField'
import { TicketActivity as TicketActivity_4e15ac4d6ea91f968b0e6f114f868fc2 } from '../../../src/plugins/helpdesk/tickets/components/TicketActivity'
import { AuditActionCell as AuditActionCell_f3af44beb2c7ed38d8b0b9f72f3fce59 } from '../../../src/plugins/audit/components/AuditActionCell'
import { AuditActionInWords as AuditActionInWords_f3af44beb2c7ed38d8b0b9f72f3fce59 } from '../../../src/plugins/audit/components/AuditActionCell'
import { RecordTypeCell as RecordTypeCell_0c59a8457d6c72ed5075800341b7faac } from '../../../src/plugins/audit/components/RecordTypeCell'
import { ChangesTable as ChangesTable_2aaa0f6598cc0ad4154fa6195ed90caa } from '../../../src/plugins/audit/components/ChangesTable'
import { DetailsList as DetailsList_91834bc1d0c468b651e08d2e3a919ec0 } from '../../../src/plugins/audit/components/DetailsList'
import { OrganizationSwitcher as OrganizationSwitcher_a611db98bdafcac9c8b5df1f5dcc848f } from '../../../src/plugins/tenancy/components/OrganizationSwitcher'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/plugins/tenancy/components/SecretInput#SecretInput": SecretInput_da18e692b57876e59c8deb207daf6a15,
  "/plugins/admin/components/OrganizationDates#OrganizationDateCell": OrganizationDateCell_2fc1b17fd0d60e606dac470e9b90557e,
  "/plugins/admin/components/OrganizationDates#OrganizationDateField": OrganizationDateField_2fc1b17fd0d60e606dac470e9b90557e,
  "/plugins/admin/components/YesNoCell#YesNoCell": YesNoCell_66988c712ce5b135af506193e80d92c2,
  "/plugins/audit/components/SignedInSessionsField#SignedInSessionsField": SignedInSessionsField_b1ab022f2a68f2ae28bda0ab754f6c37,
  "/plugins/network/routers/components/HotspotLoginLink#HotspotLoginLink": HotspotLoginLink_39b1d7e325d240a7833e7e78cba5b88f,
  "/plugins/admin/components/Amounts#MinutesCell": MinutesCell_4383a373e1a8ccce9d0611dea0ff8f5a,
  "/plugins/admin/components/Amounts#MinutesInWords": MinutesInWords_4383a373e1a8ccce9d0611dea0ff8f5a,
  "/plugins/admin/components/Amounts#MegabytesCell": MegabytesCell_4383a373e1a8ccce9d0611dea0ff8f5a,
  "/plugins/admin/components/Amounts#MegabytesInWords": MegabytesInWords_4383a373e1a8ccce9d0611dea0ff8f5a,
  "/plugins/admin/components/Money#MoneyCell": MoneyCell_16900e0379cfcd8607eb1408be519391,
  "/plugins/network/vouchers/components/GenerateBatch#GenerateBatch": GenerateBatch_e074ad3401e936293856433af952bce6,
  "/plugins/network/sessions/components/ForceLogoutField#ForceLogoutField": ForceLogoutField_a9e75675911991b74e0dd38e1d37c193,
  "/plugins/admin/components/Amounts#BytesCell": BytesCell_4383a373e1a8ccce9d0611dea0ff8f5a,
  "/plugins/admin/components/Amounts#BytesInWords": BytesInWords_4383a373e1a8ccce9d0611dea0ff8f5a,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/plugins/helpdesk/tickets/components/WifiSessionField#WifiSessionField": WifiSessionField_00ba9365f90b2a3babfd82e697efa88a,
  "/plugins/helpdesk/tickets/components/TicketActivity#TicketActivity": TicketActivity_4e15ac4d6ea91f968b0e6f114f868fc2,
  "/plugins/audit/components/AuditActionCell#AuditActionCell": AuditActionCell_f3af44beb2c7ed38d8b0b9f72f3fce59,
  "/plugins/audit/components/AuditActionCell#AuditActionInWords": AuditActionInWords_f3af44beb2c7ed38d8b0b9f72f3fce59,
  "/plugins/audit/components/RecordTypeCell#RecordTypeCell": RecordTypeCell_0c59a8457d6c72ed5075800341b7faac,
  "/plugins/audit/components/ChangesTable#ChangesTable": ChangesTable_2aaa0f6598cc0ad4154fa6195ed90caa,
  "/plugins/audit/components/DetailsList#DetailsList": DetailsList_91834bc1d0c468b651e08d2e3a919ec0,
  "/plugins/tenancy/components/OrganizationSwitcher#OrganizationSwitcher": OrganizationSwitcher_a611db98bdafcac9c8b5df1f5dcc848f,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
